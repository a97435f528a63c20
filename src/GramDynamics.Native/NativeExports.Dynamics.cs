using System.Runtime.InteropServices;

namespace GramDynamics.Native;

/// <summary>Weight-space gradient descent on the bound data set.</summary>
internal static unsafe partial class NativeExports
{
    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_gd_step")]
    private static int NetworkGradientStep(ulong network, double rate, double* lossBefore, double* lossAfter)
    {
        LastError.Clear();
        try
        {
            if (!double.IsFinite(rate))
            {
                throw new NativeCallException(ErrorCode.InvalidArgument,
                    $"learning rate is {rate}, expected a finite value");
            }

            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            double before = session.Data.Step(rate, out double after);
            if (lossBefore is not null)
            {
                *lossBefore = before;
            }

            if (lossAfter is not null)
            {
                *lossAfter = after;
            }

            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }
}
