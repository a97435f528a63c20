namespace GramDynamics.Native;

/// <summary>
/// The live network handles. A handle is (generation &lt;&lt; 32) | (slot + 1): freeing a handle
/// bumps its slot's generation, so a freed handle, a reused slot's old handle and a made-up number
/// all fail the lookup instead of reaching freed memory. Handle 0 is never issued.
/// </summary>
internal static class HandleTable
{
    private static readonly Lock s_gate = new();
    private static readonly Stack<int> s_freeSlots = new();
    private static Slot[] s_slots = new Slot[16];
    private static int s_usedSlots;

    /// <summary>Stores a session and returns its new handle.</summary>
    public static ulong Add(NetworkSession session)
    {
        lock (s_gate)
        {
            int slot;
            if (s_freeSlots.Count > 0)
            {
                slot = s_freeSlots.Pop();
            }
            else
            {
                if (s_usedSlots == s_slots.Length)
                {
                    Array.Resize(ref s_slots, s_slots.Length * 2);
                }

                slot = s_usedSlots++;
                s_slots[slot].Generation = 1;
            }

            s_slots[slot].Session = session;
            return ((ulong)s_slots[slot].Generation << 32) | (uint)(slot + 1);
        }
    }

    /// <summary>Returns the session of a live handle; throws InvalidHandle otherwise.</summary>
    public static NetworkSession Get(ulong handle)
    {
        lock (s_gate)
        {
            return s_slots[SlotOf(handle)].Session!;
        }
    }

    /// <summary>Removes a live handle and returns its session; throws InvalidHandle otherwise.</summary>
    public static NetworkSession Remove(ulong handle)
    {
        lock (s_gate)
        {
            int slot = SlotOf(handle);
            NetworkSession session = s_slots[slot].Session!;
            s_slots[slot].Session = null;

            // Generation 0 never appears in an issued handle, so skip it when the counter wraps.
            uint generation = s_slots[slot].Generation;
            s_slots[slot].Generation = generation == uint.MaxValue ? 1 : generation + 1;
            s_freeSlots.Push(slot);
            return session;
        }
    }

    private static int SlotOf(ulong handle)
    {
        long slot = (long)(handle & uint.MaxValue) - 1;
        uint generation = (uint)(handle >> 32);
        if (slot < 0 || slot >= s_usedSlots || s_slots[slot].Session is null
            || s_slots[slot].Generation != generation)
        {
            throw new NativeCallException(ErrorCode.InvalidHandle,
                $"network handle 0x{handle:x} is not live: it was freed or never created");
        }

        return (int)slot;
    }

    private struct Slot
    {
        public NetworkSession? Session;
        public uint Generation;
    }
}
