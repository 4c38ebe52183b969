using System.Diagnostics.CodeAnalysis;

namespace Harrier.Evtx.Format;

/// <summary>Throw helpers, kept out of line so the hot readers stay small.</summary>
internal static class Throw
{
    [DoesNotReturn]
    public static void Format(long offset, string message) => throw new EvtxFormatException(offset, message);

    [DoesNotReturn]
    public static T Format<T>(long offset, string message) => throw new EvtxFormatException(offset, message);

    [DoesNotReturn]
    public static void NotSupported(long offset, string message) => throw new EvtxNotSupportedException(offset, message);

    [DoesNotReturn]
    public static void Truncated(long offset, int wanted, int remaining) =>
        throw new EvtxFormatException(offset, $"expected {wanted} more bytes, found {remaining}");
}
