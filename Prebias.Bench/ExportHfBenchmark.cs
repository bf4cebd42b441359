using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Prebias.Core.Export;
using Prebias.Core.Modeling;
using Prebias.Core.Training;

using Prebias.Workers;

namespace Prebias.Bench;

/// <summary>
/// <c>bench export-hf [--preset stories15m] [--repeat 3]</c>: seconds to export a checkpoint of the preset (random
/// llama2.c init, no tokenizer file) as a Hugging Face folder, the work behind
/// <c>GET /api/runs/{id}/checkpoints/{step}/export/hf</c> (load the checkpoint, permute q/k, write safetensors and
/// JSON), against the llama2.c <c>model.bin</c> export of the same loaded checkpoint in the same run as the peer.
/// Best of the repeats.
/// </summary>
public static class ExportHfBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new CommandArgs(args);
        var preset = a.Get("preset") ?? "stories15m";
        var repeat = a.GetInt("repeat", 3);
        var root = Directory.CreateTempSubdirectory("prebias-bench-export-").FullName;
        try
        {
            var checkpoint = Path.Combine(root, "ckpt");
            Directory.CreateDirectory(checkpoint);
            using (var model = new Transformer(ModelPresets.Get(preset), seed: 1))
            {
                var weights = Path.Combine(checkpoint, CheckpointManifest.WeightsFile);
                ModelWeights.Save(model, weights);
                var files = new Dictionary<string, string>
                {
                    [CheckpointManifest.WeightsFile] = FileHashing.Sha256(weights),
                };
                var manifest = new CheckpointManifest(0, model.Args, files, new Dictionary<string, string>(),
                    DateTimeOffset.UtcNow);
                File.WriteAllText(Path.Combine(checkpoint, CheckpointManifest.ManifestFile),
                    JsonSerializer.Serialize(manifest, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
                Console.WriteLine($"{preset}: {model.ParameterCount:N0} parameters");
            }
            double bestHf = double.MaxValue, bestLlama2c = double.MaxValue;
            for (var r = 0; r < repeat; r++)
            {
                ct.ThrowIfCancellationRequested();
                var sw = Stopwatch.StartNew();
                HfCheckpointExporter.Export(checkpoint, new HfTokenizerFiles(null, 1, 2), "# card\n",
                    Path.Combine(root, "hf"));
                var hf = sw.Elapsed.TotalSeconds;
                sw.Restart();
                using (var model = CheckpointModels.Load(checkpoint))
                    Llama2cExporter.Export(model, Path.Combine(root, "model.bin"));
                var llama2c = sw.Elapsed.TotalSeconds;
                var bytes = new FileInfo(Path.Combine(root, "hf", HfCheckpointExporter.WeightsFile)).Length;
                Console.WriteLine($"repeat {r + 1}: hf {hf:F3} s ({bytes / 1e6:F1} MB safetensors), " +
                    $"llama2c model.bin {llama2c:F3} s");
                (bestHf, bestLlama2c) = (Math.Min(bestHf, hf), Math.Min(bestLlama2c, llama2c));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"llama2c_export_seconds: {bestLlama2c:F3}"));
            var ratio = bestHf / bestLlama2c;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hf_over_llama2c: {ratio:F2}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hf_export_seconds: {bestHf:F3}"));
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
