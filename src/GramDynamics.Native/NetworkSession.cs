using GramDynamics.Collective;

namespace GramDynamics.Native;

/// <summary>
/// What one network handle owns: a copy of the network and the data set bound to it with its
/// pooled workspaces. A lock serializes the calls on one handle, so two threads may share a handle
/// safely, and calls on different handles run in parallel.
/// </summary>
internal sealed class NetworkSession : IDisposable
{
    private readonly Lock _gate = new();
    private BoundData? _data;
    private bool _disposed;

    public NetworkSession(Network network)
    {
        Network = network;
    }

    /// <summary>The network; its weight arrays belong to this session.</summary>
    public Network Network { get; }

    /// <summary>Whether a data set is bound.</summary>
    public bool HasData => _data is not null;

    /// <summary>The bound data set; throws InvalidState when none is bound.</summary>
    public BoundData Data => _data ?? throw new NativeCallException(ErrorCode.InvalidState,
        "no data is bound to this network; call gramdyn_network_bind_data first");

    /// <summary>Takes the session's lock; throws InvalidHandle when the session was freed before.</summary>
    public Lock.Scope Enter()
    {
        Lock.Scope scope = _gate.EnterScope();
        if (_disposed)
        {
            scope.Dispose();
            throw new NativeCallException(ErrorCode.InvalidHandle,
                "the network handle was freed while this call waited for it");
        }

        return scope;
    }

    /// <summary>Binds a data set, replacing the previous one only after the new one is complete.</summary>
    /// <param name="inputs">X: [N, d] row-major.</param>
    /// <param name="samples">N.</param>
    /// <param name="targets">y: [N], or empty when no targets are bound.</param>
    public void Bind(ReadOnlySpan<double> inputs, int samples, ReadOnlySpan<double> targets)
    {
        var data = new BoundData(Network, inputs, samples, targets);
        _data?.Dispose();
        _data = data;
    }

    /// <summary>Marks the fields of the bound data as stale after a weight change.</summary>
    public void InvalidateFields() => _data?.InvalidateFields();

    public void Dispose()
    {
        using (_gate.EnterScope())
        {
            _disposed = true;
            _data?.Dispose();
            _data = null;
        }
    }
}
