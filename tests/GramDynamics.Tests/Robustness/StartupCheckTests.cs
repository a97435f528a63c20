using GramDynamics.Tests.Cli;
using System.Text.Json.Nodes;
using GramDynamics.Numerics;
using GramDynamics.Tests.Collective;

namespace GramDynamics.Tests.Robustness;

/// <summary>The eigensolver start-up check: run once, cached, loud on failure, recorded by `run`.</summary>
[Collection(BlasSwitchCollection.Name)]
public class StartupCheckTests
{
    [Fact]
    public void StartupCheck_PassesAndIsCached()
    {
        IReadOnlyList<EigensolverSelfTest> first = EigensolverStartupCheck.Run();
        IReadOnlyList<EigensolverSelfTest> second = EigensolverStartupCheck.Run();

        Assert.Same(first, second);
        IReadOnlyList<int> orders = first[0].UsedLapack
            ? EigensolverStartupCheck.Orders
            : EigensolverStartupCheck.ManagedOrders;
        Assert.Equal(orders, first.Select(result => result.Size));
        Assert.All(first, result => Assert.True(result.Passed, result.ToString()));
    }

    [Fact]
    public void ThrowIfFailed_FailedResult_Throws()
    {
        EigensolverSelfTest passed = new(63, true, 1e-15, 1e-15, 1e-12);
        EigensolverSelfTest failed = new(64, true, 0.5, 1e-15, 1e-12);

        EigensolverStartupCheck.ThrowIfFailed([passed]);
        var failure = Assert.Throws<NumericalException>(
            () => EigensolverStartupCheck.ThrowIfFailed([passed, failed]));

        Assert.StartsWith(
            "the symmetric eigensolver failed its start-up self-test: eigensolver self-test n = 64",
            failure.Message);
        Assert.Contains("residual 5.00E-001", failure.Message);
        Assert.Contains("FAILED", failure.Message);
    }

    [Fact]
    public void RunCommand_Config_RecordsSelfTest()
    {
        string folder = Path.Combine(CliHarness.CreateFolder(), "run");

        (int code, _, string error) = CliHarness.Run("run", "--teacher", "--teacher-samples", "6",
            "--teacher-dimension", "3", "--widths", "4", "--steps", "1", "--threads", "1", "--quiet",
            "--no-report", "--out", folder);

        Assert.True(code == 0, error);
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject();
        JsonArray tests = config["eigensolver_self_test"]!.AsArray();
        Assert.NotEmpty(tests);
        Assert.All(tests, test => Assert.True(test!["passed"]!.GetValue<bool>()));
        Assert.Equal(Blas.Configuration, config["openblas_config"]?.GetValue<string>());
        Assert.Equal(OpenBlasVersion.Current, config["openblas_version"]?.GetValue<string>());
        if (Blas.IsOpenBlasInstalled)
        {
            Assert.Equal(1, config["openblas_threads"]!.GetValue<int>());
        }

        Assert.Empty(config["dead_layers"]!.AsArray());
    }
}
