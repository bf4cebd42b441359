using Prebias.Core.Modeling;
using Transformer = Prebias.Core.Modeling.Transformer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Prebias.Core.Training;

/// <summary>AdamW as llama2.c's <c>configure_optimizers</c>: matrices and embeddings decay, norms (1-D) do not.</summary>
public static class OptimizerFactory
{
    public static AdamW CreateAdamW(Transformer model, TrainingOptions options)
    {
        // The tied embedding/output matrix is listed once, as PyTorch's named_parameters() does.
        var parameters = model.UniqueParameters().Where(p => p.requires_grad).ToList();
        var decay = parameters.Where(p => p.dim() >= 2).ToList();
        var noDecay = parameters.Where(p => p.dim() < 2).ToList();
        var groups = new[]
        {
            new AdamW.ParamGroup(decay, new AdamW.Options { weight_decay = options.WeightDecay }),
            new AdamW.ParamGroup(noDecay, new AdamW.Options { weight_decay = 0.0 }),
        };
        return optim.AdamW(groups, lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2);
    }

    /// <summary>
    /// Sets betas and weight decay of every group again (decay on ≥2-D groups only, as built above), after a saved
    /// state brought the values of the run that wrote it.
    /// </summary>
    public static void ApplyHyperparameters(AdamW optimizer, TrainingOptions options)
    {
        var groups = optimizer.ParamGroups.Cast<AdamW.ParamGroup>().ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            var o = groups[i].Options;
            o.beta1 = options.Beta1;
            o.beta2 = options.Beta2;
            o.weight_decay = i == 0 ? options.WeightDecay : 0.0;
        }
    }
}
