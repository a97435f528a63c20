using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GramDynamics.Data;

namespace GramDynamics.Runs;

/// <summary>
/// The folder of one run, readable without this tool: config.json, metrics.csv, spectra.csv, the
/// training set (X.npy, y.npy), the readout (a.npy), the weights at the start and the end, K at the
/// start and the end, checkpoints and summary.json. Every file is written atomically (a temporary
/// name, then a rename), and config.json's "status" records whether the run is complete.
/// </summary>
public sealed class RunFolder : ITrainingObserver
{
    /// <summary>File names inside a run folder.</summary>
    public const string ConfigFile = "config.json";
    public const string MetricsFile = "metrics.csv";
    public const string SpectraFile = "spectra.csv";
    public const string SummaryFile = "summary.json";
    public const string CheckpointFolder = "checkpoint";

    private readonly List<MetricsRow> _rows = [];
    private readonly List<string> _spectrumLines = [];
    private JsonObject _config = [];

    private RunFolder(string path)
    {
        Path = path;
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Creates a new run folder; fails if it exists and is not empty.</summary>
    public static RunFolder Create(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new IOException($"{full}: run folder already exists and is not empty; "
                + "choose another --out or --name, or continue it with --resume");
        }

        Directory.CreateDirectory(full);
        return new RunFolder(full);
    }

    /// <summary>Opens an existing run folder to resume it from its checkpoint.</summary>
    public static RunFolder OpenForResume(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new IOException($"{full}: run folder not found");
        }

        string config = System.IO.Path.Combine(full, ConfigFile);
        if (!File.Exists(config))
        {
            throw new IOException($"{full}: not a run folder ({ConfigFile} is missing)");
        }

        var folder = new RunFolder(full)
        {
            _config = JsonNode.Parse(File.ReadAllText(config))?.AsObject()
                ?? throw new IOException($"{config}: empty or invalid JSON"),
        };
        return folder;
    }

    /// <summary>The settings stored in config.json.</summary>
    public JsonObject Config => _config;

    /// <summary>Writes config.json with the given settings and status "running".</summary>
    public void WriteConfig(JsonObject config)
    {
        _config = config;
        SetStatus("running");
    }

    /// <summary>Sets config.json's "status" ("running", "complete", "interrupted" or "failed").</summary>
    public void SetStatus(string status, string? message = null)
    {
        _config["status"] = status;
        if (message is not null)
        {
            _config["status_message"] = message;
        }
        else
        {
            _config.Remove("status_message");
        }

        WriteJson(ConfigFile, _config);
    }

    /// <summary>Sets one config.json entry (written with the next status change).</summary>
    public void SetConfigValue(string name, JsonNode? value) => _config[name] = value;

    /// <summary>Writes a matrix as name.npy (relative paths may include folders).</summary>
    public void WriteMatrix(string relativePath, ReadOnlySpan<double> values, int rows, int columns)
    {
        string path = Resolve(relativePath);
        NpyFile.WriteMatrix(path, values, rows, columns);
    }

    /// <summary>Writes a vector as name.npy.</summary>
    public void WriteVector(string relativePath, ReadOnlySpan<double> values)
    {
        string path = Resolve(relativePath);
        NpyFile.WriteVector(path, values);
    }

    /// <summary>Writes summary.json.</summary>
    public void WriteSummary(JsonObject summary) => WriteJson(SummaryFile, summary);

    /// <summary>
    /// Drops metrics and spectra recorded at or after <paramref name="step"/> (before a resume).
    /// </summary>
    public void LoadRecordsBefore(int step)
    {
        string metrics = Resolve(MetricsFile);
        if (File.Exists(metrics))
        {
            string[] lines = File.ReadAllLines(metrics);
            string[] header = lines.Length > 0 ? lines[0].Split(',') : [];
            foreach (string line in lines.Skip(1))
            {
                string[] cells = line.Split(',');
                int rowStep = int.Parse(cells[0], CultureInfo.InvariantCulture);
                if (rowStep >= step)
                {
                    continue;
                }

                var row = new MetricsRow(rowStep);
                for (int c = 1; c < cells.Length && c < header.Length; c++)
                {
                    row.Add(header[c],
                        cells[c].Length == 0 ? null : double.Parse(cells[c], CultureInfo.InvariantCulture));
                }

                _rows.Add(row);
            }
        }

        string spectra = Resolve(SpectraFile);
        if (File.Exists(spectra))
        {
            foreach (string line in File.ReadAllLines(spectra).Skip(1))
            {
                int rowStep = int.Parse(line.AsSpan(0, line.IndexOf(',', StringComparison.Ordinal)),
                    CultureInfo.InvariantCulture);
                if (rowStep < step)
                {
                    _spectrumLines.Add(line);
                }
            }
        }
    }

    /// <summary>All metrics rows recorded so far.</summary>
    public IReadOnlyList<MetricsRow> Rows => _rows;

    public void OnStarted(TrainingStart start)
    {
        _config["learning_rate"] = start.Rate;
        _config["learning_rate_chosen"] = start.RateWasChosen;
        _config["initial_lambda_max"] = start.TopEigenvalue;
        _config["stable_limit"] = double.IsFinite(start.StableLimit) ? start.StableLimit : null;
        SetStatus("running");
    }

    public void OnStep(int step, double loss)
    {
    }

    public void OnRecord(MetricsRow row)
    {
        _rows.Add(row);
        var text = new StringBuilder();
        text.Append("step");
        foreach (KeyValuePair<string, double?> column in row.Columns)
        {
            text.Append(',').Append(column.Key);
        }

        text.Append('\n');
        foreach (MetricsRow each in _rows)
        {
            text.Append(each.Step.ToString(CultureInfo.InvariantCulture));
            foreach (KeyValuePair<string, double?> column in each.Columns)
            {
                text.Append(',');
                if (column.Value is { } value && double.IsFinite(value))
                {
                    text.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            text.Append('\n');
        }

        AtomicFile.WriteAllText(Resolve(MetricsFile), text.ToString());
    }

    public void OnSpectrum(SpectrumRecord spectrum)
    {
        foreach (KeyValuePair<string, double[]> series in spectrum.Series)
        {
            for (int i = 0; i < series.Value.Length; i++)
            {
                _spectrumLines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{spectrum.Step},{series.Key},{i + 1},{series.Value[i]:R}"));
            }
        }

        AtomicFile.WriteAllText(Resolve(SpectraFile),
            "step,series,rank,eigenvalue\n" + string.Join('\n', _spectrumLines) + "\n");
    }

    public void OnCheckpoint(TrainingCheckpoint checkpoint)
    {
        // The checkpoint is written to a fresh folder and swapped in, so a crash leaves the old one whole.
        string final = Resolve(CheckpointFolder);
        string staging = final + ".partial";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        int samples = (int)Math.Sqrt(checkpoint.InitialKernel.Length);
        for (int layer = 0; layer < checkpoint.Weights.Length; layer++)
        {
            NpyFile.WriteVector(System.IO.Path.Combine(staging, $"W{layer + 1}.npy"),
                checkpoint.Weights[layer]);
        }

        NpyFile.WriteMatrix(System.IO.Path.Combine(staging, "K_initial.npy"), checkpoint.InitialKernel,
            samples, samples);
        if (checkpoint.PreviousKernel is { } previous)
        {
            NpyFile.WriteMatrix(System.IO.Path.Combine(staging, "K_previous.npy"), previous, samples,
                samples);
        }

        var state = new JsonObject
        {
            ["step"] = checkpoint.Step,
            ["learning_rate"] = checkpoint.Rate,
            ["learning_rate_chosen"] = checkpoint.RateWasChosen,
            ["initial_lambda_max"] = checkpoint.InitialTopEigenvalue,
            ["initial_loss"] = checkpoint.InitialLoss,
            ["previous_kernel_step"] = checkpoint.PreviousKernelStep,
        };
        AtomicFile.WriteAllText(System.IO.Path.Combine(staging, "state.json"),
            state.ToJsonString(JsonOptions));

        string old = final + ".old";
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }

        if (Directory.Exists(final))
        {
            Directory.Move(final, old);
        }

        Directory.Move(staging, final);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }

        _config["checkpoint_step"] = checkpoint.Step;
    }

    /// <summary>Reads the checkpoint of this folder back; the weights shapes come from the network.</summary>
    public TrainingCheckpoint ReadCheckpoint()
    {
        string folder = Resolve(CheckpointFolder);
        string statePath = System.IO.Path.Combine(folder, "state.json");
        if (!File.Exists(statePath))
        {
            throw new IOException(
                $"{Path}: no checkpoint to resume from ({CheckpointFolder}/state.json is missing)");
        }

        JsonObject state = JsonNode.Parse(File.ReadAllText(statePath))!.AsObject();
        int depth = Directory.GetFiles(folder, "W*.npy").Length;
        var weights = new double[depth][];
        for (int layer = 0; layer < depth; layer++)
        {
            weights[layer] = NpyFile.Read(System.IO.Path.Combine(folder, $"W{layer + 1}.npy")).Values;
        }

        int previousStep = state["previous_kernel_step"]!.GetValue<int>();
        string previousPath = System.IO.Path.Combine(folder, "K_previous.npy");
        return new TrainingCheckpoint
        {
            Step = state["step"]!.GetValue<int>(),
            Rate = state["learning_rate"]!.GetValue<double>(),
            RateWasChosen = state["learning_rate_chosen"]!.GetValue<bool>(),
            InitialTopEigenvalue = state["initial_lambda_max"]!.GetValue<double>(),
            InitialLoss = state["initial_loss"]!.GetValue<double>(),
            Weights = weights,
            InitialKernel = NpyFile.Read(System.IO.Path.Combine(folder, "K_initial.npy")).Values,
            PreviousKernel = previousStep >= 0 && File.Exists(previousPath)
                ? NpyFile.Read(previousPath).Values
                : null,
            PreviousKernelStep = previousStep,
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private void WriteJson(string relativePath, JsonObject value) =>
        AtomicFile.WriteAllText(Resolve(relativePath), value.ToJsonString(JsonOptions) + "\n");

    private string Resolve(string relativePath)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        string? directory = System.IO.Path.GetDirectoryName(path);
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return path;
    }
}
