using System.CommandLine;
using GramDynamics.Data;

namespace GramDynamics.Cli.Options;

/// <summary>The data options shared by `run` and `hierarchy`, and the loading of the chosen set.</summary>
internal sealed class DataOptions(int? defaultSamples = null)
{
    private readonly Option<string?> _data = new("--data")
    {
        Description = "Training inputs: a CSV file (label in the last column unless --label-column), "
            + "a .npy matrix (with --targets), or an IDX image file (labels beside it via --targets). "
            + "Default: the embedded UCI optical digits.",
    };

    private readonly Option<string?> _targets = new("--targets")
    {
        Description = "Targets or labels for --data: a .npy vector, or an IDX label file for IDX images.",
    };

    private readonly Option<string?> _labelColumn = new("--label-column")
    {
        Description = "CSV column holding the label (0-based index, 'last' or 'none').",
    };

    private readonly Option<bool> _fashionMnist = new("--fashion-mnist")
    {
        Description = "Use Fashion-MNIST from Debian's dataset-fashion-mnist package.",
    };

    private readonly Option<bool> _teacher = new("--teacher")
    {
        Description = "Use Gaussian inputs labelled by a seeded random ReLU teacher network (regression).",
    };

    private readonly Option<int> _teacherSamples = new("--teacher-samples")
    {
        Description = "Number of teacher samples N.",
        DefaultValueFactory = _ => 512,
    };

    private readonly Option<int> _teacherDimension = new("--teacher-dimension")
    {
        Description = "Input dimension d of the teacher data.",
        DefaultValueFactory = _ => 32,
    };

    private readonly Option<int> _teacherWidth = new("--teacher-width")
    {
        Description = "Hidden width of the teacher network.",
        DefaultValueFactory = _ => 64,
    };

    private readonly Option<int> _teacherDepth = new("--teacher-depth")
    {
        Description = "Hidden layers of the teacher network.",
        DefaultValueFactory = _ => 2,
    };

    private readonly Option<string?> _task = new("--task")
    {
        Description = "Label-to-target rule: 'binary:<5' (label < 5 gives -1, else +1), 'onehot:3' "
            + "(class 3 gives +1, the rest -1), or 'regression' (targets as given). Default: binary:<5 for "
            + "the embedded digits, Fashion-MNIST and IDX files; regression for CSV, .npy and the teacher.",
    };

    private readonly Option<string?> _scale = new("--scale")
    {
        Description = "Feature scaling: 'unit' (divide by the largest absolute value, so features lie in "
            + "[0, 1] for non-negative data), 'standardize' or 'none'. Default: unit.",
    };

    private readonly Option<int?> _samples = new("--samples")
    {
        Description = "Train on a seeded random subset of this many samples"
            + (defaultSamples is { } samples ? $" (default {samples})." : "."),
    };

    /// <summary>Adds the data options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_data, _targets, _labelColumn, _fashionMnist, _teacher,
            _teacherSamples, _teacherDimension, _teacherWidth, _teacherDepth, _task, _scale, _samples])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Loads, relabels, scales and subsamples the data set the options name.</summary>
    public Dataset Load(ParseResult result, int seed)
    {
        string? data = result.GetValue(_data);
        bool fashion = result.GetValue(_fashionMnist);
        bool teacher = result.GetValue(_teacher);
        int sources = (data is null ? 0 : 1) + (fashion ? 1 : 0) + (teacher ? 1 : 0);
        if (sources > 1)
        {
            throw new UsageException(
                "--data, --fashion-mnist and --teacher are alternatives; give at most one");
        }

        Dataset dataset;
        TargetTask task;
        string? taskText = result.GetValue(_task);
        if (teacher)
        {
            dataset = Teacher.Generate(Positive(result, _teacherSamples), Positive(result, _teacherDimension),
                Positive(result, _teacherDepth), Positive(result, _teacherWidth), seed);
            task = taskText is null ? TargetTask.Regression : ParseTask(taskText);
        }
        else
        {
            dataset = fashion ? FashionMnist.Load(FashionMnistSplit.Train)
                : data is null ? EmbeddedDigits.Load()
                : LoadFile(data, result.GetValue(_targets), result.GetValue(_labelColumn));
            // Class labels (digits, IDX images) default to the binary task; numbers from a file are
            // taken as the targets themselves.
            bool classLabels = data is null || IsIdx(data);
            task = taskText is not null ? ParseTask(taskText)
                : classLabels ? TargetTask.Default
                : TargetTask.Regression;
        }

        if (dataset.Labels is not null && !teacher)
        {
            dataset = dataset.WithTask(task);
        }

        string scaleText = result.GetValue(_scale) ?? "unit";
        if (!FeatureScaler.TryParse(scaleText, out FeatureScaling scaling))
        {
            throw new UsageException($"--scale is '{scaleText}', expected unit, standardize or none");
        }

        dataset = dataset.Scale(scaling);
        if ((result.GetValue(_samples) ?? defaultSamples) is { } count)
        {
            if (count < 1)
            {
                throw new UsageException($"--samples is {count}, expected at least 1");
            }

            if (count < dataset.Count)
            {
                dataset = dataset.Subsample(count, seed);
            }
            else if (count > dataset.Count && result.GetValue(_samples) is not null)
            {
                Console.Error.WriteLine($"gramdyn: warning: --samples {count} is more than the "
                    + $"{dataset.Count} samples of {dataset.Name}; training on all of them");
            }
        }

        if (dataset.Count > 1 && dataset.Y.All(target => target == dataset.Y[0]))
        {
            Console.Error.WriteLine($"gramdyn: warning: every target of {dataset.Name} is {dataset.Y[0]} "
                + "after the task rule, so there is nothing to learn but a constant; check --task "
                + "(for targets given as numbers, use --task regression)");
        }

        return dataset;
    }

    private static Dataset LoadFile(string path, string? targets, string? labelColumnText)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path}: --data names a folder, expected a data file");
        }

        if (!File.Exists(path))
        {
            throw new IOException($"{path}: data file not found");
        }

        string lower = path.ToLowerInvariant();
        if (lower.EndsWith(".npy", StringComparison.Ordinal))
        {
            if (targets is null)
            {
                throw new UsageException($"{path}: a .npy data file needs --targets y.npy");
            }

            NpyArray x = NpyFile.ReadMatrix(path);
            double[] y = NpyFile.ReadVector(targets);
            if (y.Length != x.Rows)
            {
                throw new UsageException($"{targets}: {y.Length} targets for {x.Rows} samples in {path}");
            }

            return Dataset.FromLabels(x.Values, x.Rows, x.Columns, y, Path.GetFileName(path), path);
        }

        if (IsIdx(path))
        {
            if (targets is null)
            {
                throw new UsageException($"{path}: IDX images need their labels file via --targets");
            }

            return IdxFile.ReadDataset(path, targets, Path.GetFileName(path));
        }

        LabelColumn column = ParseLabelColumn(labelColumnText);
        CsvMatrix csv = CsvMatrix.Read(path, column);
        if (csv.Labels is null)
        {
            if (targets is null)
            {
                throw new UsageException($"{path}: no label column; give --targets y.npy or --label-column");
            }

            double[] y = NpyFile.ReadVector(targets);
            if (y.Length != csv.Rows)
            {
                throw new UsageException($"{targets}: {y.Length} targets for {csv.Rows} samples in {path}");
            }

            return Dataset.FromLabels(csv.Features, csv.Rows, csv.FeatureCount, y, Path.GetFileName(path),
                path);
        }

        return Dataset.FromLabels(csv.Features, csv.Rows, csv.FeatureCount, csv.Labels,
            Path.GetFileName(path), path);
    }

    private static bool IsIdx(string path)
    {
        string name = Path.GetFileName(path).ToLowerInvariant();
        return name.Contains("idx", StringComparison.Ordinal)
            || name.Contains("ubyte", StringComparison.Ordinal);
    }

    private static LabelColumn ParseLabelColumn(string? text) => text switch
    {
        null or "last" => LabelColumn.Last,
        "none" => LabelColumn.None,
        _ when int.TryParse(text, out int index) && index >= 0 => LabelColumn.At(index),
        _ => throw new UsageException(
            $"--label-column is '{text}', expected a 0-based index, 'last' or 'none'"),
    };

    private static TargetTask ParseTask(string text) => TargetTask.TryParse(text, out TargetTask? task)
        ? task
        : throw new UsageException($"--task is '{text}', expected binary:<T, onehot:C or regression");

    private static int Positive(ParseResult result, Option<int> option)
    {
        int value = result.GetValue(option);
        return value >= 1
            ? value
            : throw new UsageException($"{option.Name} is {value}, expected at least 1");
    }
}
