using System.CommandLine;
using System.Globalization;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using GramDynamics.Cli.Options;
using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Diagnostics;
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
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the weights, readout and subset.",
            DefaultValueFactory = _ => 0,
        };
        var rate = new Option<string>("--lr")
        {
            Description = "GD rate η, or 'auto' for 1/λ_max(K) at step 0 (half the stable limit 2/λ_max).",
            DefaultValueFactory = _ => "auto",
        };
        var steps = new Option<int>("--steps")
        {
            Description = "Number of GD steps.",
            DefaultValueFactory = _ => 1500,
        };
        var recordEvery = new Option<int>("--record-every")
        {
            Description = "Steps between two rows of metrics.csv.",
            DefaultValueFactory = _ => 25,
        };
        var spectrumEvery = new Option<int>("--spectrum-every")
        {
            Description = "Steps between two spectra of K and of the Gram metrics "
                + "(rounded up to a record step).",
            DefaultValueFactory = _ => 250,
        };
        var checkpointEvery = new Option<int>("--checkpoint-every")
        {
            Description = "Steps between two checkpoints (rounded up to a record step).",
            DefaultValueFactory = _ => 250,
        };
        var precision = new Option<string>("--precision")
        {
            Description = "Precision of K and its diagnostics: double, float32, or mixed "
                + "(float32 Gram blocks, K accumulated in double); GD itself always runs in double.",
            DefaultValueFactory = _ => "double",
        };
        var threads = new Option<int?>("--threads")
        {
            Description = "OpenBLAS threads (default: OpenBLAS's own choice).",
        };
        var name = new Option<string?>("--name")
        {
            Description = "Run name; the folder is runs/NAME unless --out.",
        };
        var output = new Option<string?>("--out") { Description = "The run folder itself." };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the run in this folder from its checkpoint.",
        };
        var quiet = new Option<bool>("--quiet")
        {
            Description = "Print only errors and the final summary line.",
        };
        var memoryLimit = new Option<double?>("--memory-limit")
        {
            Description = "Stop before allocating when the estimate exceeds this many GiB (default: the "
                + "total memory of the machine, or its container limit).",
        };
        var noReport = new Option<bool>("--no-report") { Description = "Do not draw the plots at the end." };
        var fieldIntegrator = new Option<bool>("--field-integrator")
        {
            Description = "Advance the field integrator of the network's depth beside GD and record its "
                + "divergence from GD in metrics.csv.",
        };
        var rateSweep = new Option<string?>("--lr-sweep")
        {
            Description = "Run the same training at several rates, given as fractions of the stable limit "
                + "2/λ_max(K) at step 0 (e.g. 0.05,0.2,0.5,0.9), to read e1 and the crossings against η.",
        };
        var stopAt = new Option<int?>("--stop-at")
        {
            Description = "Stop after this step with a checkpoint, as Ctrl-C does, so a job scheduler can "
                + "continue the run later with --resume.",
        };
        var data = new DataOptions();

        var command = new Command("run",
            "Train on real data by gradient descent and record every collective diagnostic.");
        foreach (Option option in (Option[])[widths, parametrization, readout, seed, rate, steps, recordEvery,
            spectrumEvery, checkpointEvery, precision, threads, name, output, resume, quiet, memoryLimit,
            noReport, stopAt, fieldIntegrator, rateSweep])
        {
            command.Options.Add(option);
        }

        data.AddTo(command);
        // Options a resumed run takes from config.json instead of the command line.
        Option[] fixedOnResume = [widths, parametrization, readout, seed, rate, recordEvery, spectrumEvery,
            checkpointEvery, precision, name, fieldIntegrator, rateSweep];
        command.SetAction(result => CommandFailure.Guard(() =>
        {
            var settings = new RunSettings
            {
                StepsGiven = result.GetResult(steps) is { Implicit: false },
                IgnoredOnResume = [.. fixedOnResume
                    .Where(o => result.GetResult(o) is { Implicit: false })
                    .Select(o => o.Name)],
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
                StopAt = result.GetValue(stopAt),
                FieldIntegrator = result.GetValue(fieldIntegrator),
                RateSweep = result.GetValue(rateSweep) is { } sweep
                    ? OptionParsing.ParseNumbers(sweep, "--lr-sweep")
                    : null,
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

        // Once per process, before any data is loaded: a faulty eigensolver would spoil every spectrum.
        IReadOnlyList<EigensolverSelfTest> selfTests = EigensolverStartupCheck.Run();

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;

        // A job scheduler stops a job with SIGTERM: it checkpoints like Ctrl-C.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        try
        {
            if (settings.RateSweep is not null)
            {
                return RateSweep.Execute(settings, loadData(), console, selfTests, cancellation.Token);
            }

            RunSetup setup = settings.Resume is null
                ? RunSetup.Start(settings, loadData(), console)
                : RunSetup.Resume(settings, console);
            int exitCode = Train(setup, console, selfTests, cancellation.Token, clock);
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

    internal static int Train(RunSetup setup, ConsoleTrainingView console,
        IReadOnlyList<EigensolverSelfTest> selfTests, CancellationToken cancellation, Stopwatch clock)
    {
        RunFolder folder = setup.Folder;
        Dataset data = setup.Data;
        TrainingOptions options = setup.Options;
        folder.SetConfigValue("eigensolver_self_test", RunSetup.SelfTestJson(selfTests));
        if (options.Precision != Precision.Double && setup.Checkpoint is null)
        {
            // A reduced precision reports its error against double once, on the initial network.
            double? error = PrecisionError.RelativeFrobenius(setup.Network, data.X, data.Count, options.Precision);
            folder.SetConfigValue("precision_error_vs_double", error);
            console.Line(error is { } value
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{OptionParsing.Name(options.Precision)}: relative Frobenius error of K at step 0 against "
                    + $"double: {value:E3}")
                : "K is 0 at step 0, so the error of the reduced precision is undefined");
        }
        using var session = new TrainingSession(data.X, data.Y, setup.Network, options, setup.Checkpoint);
        folder.SetConfigValue("dead_layers", JsonValues.Array(session.DeadLayers));
        if (session.IsDead)
        {
            Console.Error.WriteLine(
                $"gramdyn: warning: {DeadLayers.Describe(session.DeadLayers)}: no neuron is active on any "
                + "sample, so f = 0, K = 0 and gradient descent cannot change the network");
        }

        if (setup.Checkpoint is null)
        {
            folder.WriteMatrix("K_initial.npy", session.InitialKernel, data.Count, data.Count);
        }

        double stable = session.InitialTopEigenvalue > 0
            ? 2.0 / session.InitialTopEigenvalue
            : double.PositiveInfinity;
        if (!double.IsFinite(stable))
        {
            console.Line($"learning rate: η = {session.Rate:G4}; "
                + $"λ_max(K) = {session.InitialTopEigenvalue:G4}, "
                + "so GD has no finite stable limit");
        }
        else
        {
            console.Line(session.RateWasChosen
                ? $"learning rate: auto chose η = {session.Rate:G4} = 1/λ_max(K), "
                    + $"half the stable limit 2/λ_max = {stable:G4}"
                : $"learning rate: η = {session.Rate:G4} "
                    + $"({session.Rate / stable:G3} × the stable limit {stable:G4})");
        }

        if (setup.Checkpoint is not null)
        {
            console.Line($"resuming at step {session.Step} of {options.Steps}");
        }

        int firstStep = session.Step;
        double earlierSeconds = folder.Config["elapsed_seconds"]?.GetValue<double>() ?? 0;
        bool finished;
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var stopper = new StopAtStep(setup.StopAt, stop);
            finished = console.Track(options.Steps, session.Step,
                observer => session.Run(
                    new CompositeObserver(folder, observer, stopper, new WarningObserver()),
                    stop.Token));
        }
        catch (TrainingDivergedException diverged)
        {
            folder.SetStatus("failed", diverged.Message);
            throw;
        }

        folder.SetConfigValue("elapsed_seconds", earlierSeconds + clock.Elapsed.TotalSeconds);
        if (!finished && !cancellation.IsCancellationRequested)
        {
            folder.SetStatus("interrupted", $"stopped at step {session.Step} as requested by --stop-at; "
                + $"continue with ./gramdyn run --resume {folder.Path}");
            console.Line($"stopped at step {session.Step} as requested; the checkpoint is saved. "
                + $"Continue with: ./gramdyn run --resume {folder.Path}");
            return 0;
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
        JsonObject summary = RunSummary.Build(folder, session, clock.Elapsed, session.Step - firstStep,
            earlierSeconds);
        folder.WriteSummary(summary);
        folder.SetStatus("complete");
        console.PrintSummary(folder, summary, clock.Elapsed);
        return 0;
    }
}
