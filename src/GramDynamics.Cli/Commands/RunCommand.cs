using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using GramDynamics.Cli.Options;
using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Numerics;
using GramDynamics.Runs;

namespace GramDynamics.Cli.Commands;

/// <summary>`gramdyn run`: trains a ReLU network by GD on real data and records every diagnostic.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var widths = new Option<string>("--widths")
        {
            Description = "Hidden widths n_1,...,n_L; the depth is their count.",
            DefaultValueFactory = _ => "256,256,256",
        };
        var parametrization = new Option<string>("--parametrization")
        {
            Description = "standard (c = 1, He weights) or ntk (c = sqrt(2/fan-in), unit weights).",
            DefaultValueFactory = _ => "standard",
        };
        var readout = new Option<string>("--readout")
        {
            Description = "Fixed readout a: 'signed' (±1/sqrt(n_L)), 'mean-field' (1/n_L) or a .npy vector.",
            DefaultValueFactory = _ => "signed",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights, readout and subset.", DefaultValueFactory = _ => 0 };
        var rate = new Option<string>("--lr")
        {
            Description = "GD rate η, or 'auto' for 1/λ_max(K) at step 0 (half the stable limit 2/λ_max).",
            DefaultValueFactory = _ => "auto",
        };
        var steps = new Option<int>("--steps") { Description = "Number of GD steps.", DefaultValueFactory = _ => 1500 };
        var recordEvery = new Option<int>("--record-every")
        {
            Description = "Steps between two rows of metrics.csv.",
            DefaultValueFactory = _ => 25,
        };
        var spectrumEvery = new Option<int>("--spectrum-every")
        {
            Description = "Steps between two spectra of K and of the Gram metrics (rounded up to a record step).",
            DefaultValueFactory = _ => 250,
        };
        var checkpointEvery = new Option<int>("--checkpoint-every")
        {
            Description = "Steps between two checkpoints (rounded up to a record step).",
            DefaultValueFactory = _ => 250,
        };
        var precision = new Option<string>("--precision")
        {
            Description = "Precision of K and its diagnostics: double, float32 or mixed (GD runs in double).",
            DefaultValueFactory = _ => "double",
        };
        var threads = new Option<int?>("--threads") { Description = "OpenBLAS threads (default: OpenBLAS's own choice)." };
        var name = new Option<string?>("--name") { Description = "Run name; the folder is runs/NAME unless --out." };
        var output = new Option<string?>("--out") { Description = "The run folder itself." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its checkpoint." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors and the final summary line." };
        var memoryLimit = new Option<double?>("--memory-limit")
        {
            Description = "Stop before allocating when the estimate exceeds this many GiB (default: physical memory).",
        };
        var noReport = new Option<bool>("--no-report") { Description = "Do not draw the plots at the end." };
        var data = new DataOptions();

        var command = new Command("run", "Train on real data by gradient descent and record every collective diagnostic.");
        foreach (Option option in (Option[])[widths, parametrization, readout, seed, rate, steps, recordEvery,
            spectrumEvery, checkpointEvery, precision, threads, name, output, resume, quiet, memoryLimit, noReport])
        {
            command.Options.Add(option);
        }

        data.AddTo(command);
        command.SetAction(result => CommandFailure.Guard(() =>
        {
            var settings = new RunSettings
            {
                Widths = OptionParsing.ParseWidths(result.GetValue(widths)!),
                Parametrization = OptionParsing.ParseParametrization(result.GetValue(parametrization)!),
                Readout = result.GetValue(readout)!,
                Seed = result.GetValue(seed),
                Rate = OptionParsing.ParseRate(result.GetValue(rate)!),
                Steps = result.GetValue(steps),
                RecordEvery = result.GetValue(recordEvery),
                SpectrumEvery = result.GetValue(spectrumEvery),
                CheckpointEvery = result.GetValue(checkpointEvery),
                Precision = OptionParsing.ParsePrecision(result.GetValue(precision)!),
                Threads = result.GetValue(threads),
                Name = result.GetValue(name),
                Output = result.GetValue(output),
                Resume = result.GetValue(resume),
                Quiet = result.GetValue(quiet),
                MemoryLimitGiB = result.GetValue(memoryLimit),
                NoReport = result.GetValue(noReport),
            };
            return Execute(settings, () => data.Load(result, settings.Seed));
        }));
        return command;
    }

    private static int Execute(RunSettings settings, Func<Dataset> loadData)
    {
        var clock = Stopwatch.StartNew();
        settings.Validate();
        var console = new ConsoleTrainingView(settings.Quiet);
        console.NoteBlas();
        if (settings.Threads is { } threadCount)
        {
            Blas.SetThreads(threadCount);
        }

        RunSetup setup = settings.Resume is null ? RunSetup.Start(settings, loadData(), console) : RunSetup.Resume(settings);
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            int exitCode = Train(setup, console, cancellation.Token, clock);
            if (exitCode == 0 && !settings.NoReport)
            {
                ReportCommand.DrawAfterRun(setup.Folder.Path, settings.Quiet);
            }

            return exitCode;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Train(RunSetup setup, ConsoleTrainingView console, CancellationToken cancellation, Stopwatch clock)
    {
        RunFolder folder = setup.Folder;
        Dataset data = setup.Data;
        TrainingOptions options = setup.Options;
        using var session = new TrainingSession(data.X, data.Y, setup.Network, options, setup.Checkpoint);
        if (setup.Checkpoint is null)
        {
            folder.WriteMatrix("K_initial.npy", session.InitialKernel, data.Count, data.Count);
        }

        double stable = session.InitialTopEigenvalue > 0 ? 2.0 / session.InitialTopEigenvalue : double.PositiveInfinity;
        console.Line(session.RateWasChosen
            ? $"learning rate: auto chose η = {session.Rate:G4} = 1/λ_max(K), half the stable limit 2/λ_max = {stable:G4}"
            : $"learning rate: η = {session.Rate:G4} ({session.Rate / stable:G3} of the stable limit {stable:G4})");
        if (setup.Checkpoint is not null)
        {
            console.Line($"resuming at step {session.Step} of {options.Steps}");
        }

        bool finished;
        try
        {
            finished = console.Track(options.Steps, session.Step,
                observer => session.Run(new CompositeObserver(folder, observer), cancellation));
        }
        catch (TrainingDivergedException diverged)
        {
            folder.SetStatus("failed", diverged.Message);
            throw;
        }

        if (!finished)
        {
            folder.SetStatus("interrupted", $"stopped at step {session.Step}; continue with "
                + $"./gramdyn run --resume {folder.Path}");
            Console.Error.WriteLine($"gramdyn: interrupted at step {session.Step}; the checkpoint is saved. "
                + $"Continue with: ./gramdyn run --resume {folder.Path}");
            return CommandFailure.Interrupted;
        }

        Network network = session.Network;
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            folder.WriteMatrix($"weights/final/W{layer}.npy", network.Weights(layer), network.Width(layer),
                network.Width(layer - 1));
        }

        folder.WriteMatrix("K_final.npy", session.Kernel, data.Count, data.Count);
        JsonObject summary = RunSummary.Build(folder, session, clock.Elapsed);
        folder.WriteSummary(summary);
        folder.SetConfigValue("elapsed_seconds", clock.Elapsed.TotalSeconds);
        folder.SetStatus("complete");
        console.PrintSummary(folder, summary, clock.Elapsed);
        return 0;
    }
}
