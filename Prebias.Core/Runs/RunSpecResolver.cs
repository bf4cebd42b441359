using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Torch;
using Prebias.Core.Training;
using Prebias.Core.Validation;

namespace Prebias.Core.Runs;

/// <summary>Fills a run request's defaults and checks it: the exact configuration is then stored with the run.</summary>
public static class RunSpecResolver
{
    public static (ModelArgs Model, ResolvedTraining Training, OrderingSpec Ordering, Dictionary<string, string[]> Errors) Resolve(
        RunSpec spec, int vocabSize, int datasetSeqLen, TorchOptions torch)
    {
        var errors = new Dictionary<string, string[]>();
        var m = spec.Model ?? new ModelSpec();
        var model = new ModelArgs();
        if (!ModelPresets.TryGet(m.Preset, out var preset))
            errors["model.preset"] = [$"Unknown preset '{m.Preset}'; use one of {string.Join(", ", ModelPresets.Names)}."];
        else
        {
            model = preset with
            {
                Dim = m.Dim ?? preset.Dim, NLayers = m.NLayers ?? preset.NLayers, NHeads = m.NHeads ?? preset.NHeads,
                NKvHeads = m.NKvHeads ?? preset.NKvHeads, HiddenDim = m.HiddenDim ?? preset.HiddenDim,
                MultipleOf = m.MultipleOf ?? preset.MultipleOf, Dropout = m.Dropout ?? preset.Dropout,
                VocabSize = m.VocabSize ?? vocabSize, MaxSeqLen = m.MaxSeqLen ?? datasetSeqLen,
            };
            try { model.Validate(); }
            catch (ArgumentException ex) { errors["model"] = [ex.Message]; }
            if (model.VocabSize < vocabSize) errors["model.vocabSize"] = [$"vocabSize {model.VocabSize} is smaller than the tokenizer's {vocabSize}."];
            if (model.MaxSeqLen < datasetSeqLen) errors["model.maxSeqLen"] = [$"maxSeqLen {model.MaxSeqLen} is shorter than the dataset's {datasetSeqLen}."];
        }

        var t = spec.Training ?? new TrainingSpec();
        // Unset fields take the CPU preset's values (train.py's optimiser, CPU-sized steps), computed from maxIters.
        var cpu = TrainingPresets.Cpu(t.MaxIters ?? TrainingPresets.CpuMaxIters);
        var options = cpu with
        {
            BatchSize = t.BatchSize ?? cpu.BatchSize, GradientAccumulationSteps = t.GradientAccumulationSteps ?? cpu.GradientAccumulationSteps,
            LearningRate = t.LearningRate ?? cpu.LearningRate, MinLr = t.MinLr ?? cpu.MinLr, WarmupIters = t.WarmupIters ?? cpu.WarmupIters,
            LrDecayIters = t.LrDecayIters, WeightDecay = t.WeightDecay ?? cpu.WeightDecay, Beta1 = t.Beta1 ?? cpu.Beta1, Beta2 = t.Beta2 ?? cpu.Beta2,
            GradClip = t.GradClip ?? cpu.GradClip, EvalInterval = t.EvalInterval ?? cpu.EvalInterval, EvalIters = t.EvalIters ?? cpu.EvalIters,
            Seed = spec.Seed, Threads = t.Threads ?? torch.Threads, Device = t.Device ?? torch.Device,
        };
        if (options.BatchSize < 1 || options.GradientAccumulationSteps < 1) errors["training.batchSize"] = ["batchSize and gradientAccumulationSteps must be positive."];
        if (options.MaxIters < 1) errors["training.maxIters"] = ["maxIters must be positive."];
        if (options.EvalInterval < 1 || options.EvalIters < 1) errors["training.evalInterval"] = ["evalInterval and evalIters must be positive."];
        if (options.LearningRate <= 0 || options.MinLr < 0 || options.MinLr > options.LearningRate) errors["training.learningRate"] = ["Need 0 <= minLr <= learningRate and learningRate > 0."];
        if (options.Device is not ("auto" or "cpu" or "cuda")) errors["training.device"] = ["device must be auto, cpu or cuda."];
        // The products of the resolved values; each field's own range was checked before (RunSpecValidator.Validate,
        // which RunLauncher runs once, before any lookup).
        var fieldErrors = new FieldErrors();
        if (errors.Count == 0) RunSpecValidator.ValidateResolved(model, options, fieldErrors);
        foreach (var (field, messages) in fieldErrors.ToDictionary()) errors[field] = messages;

        var ordering = spec.Ordering ?? new OrderingSpec();
        if (ordering.Problems() is { Count: > 0 } problems) errors["ordering"] = [.. problems];
        return (model, new ResolvedTraining(options, t.LogSpacedCheckpoints), ordering, errors);
    }
}
