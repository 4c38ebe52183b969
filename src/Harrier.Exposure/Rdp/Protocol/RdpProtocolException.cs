namespace Harrier.Exposure.Rdp.Protocol;

/// <summary>The peer's bytes are not the RDP (or CredSSP/NTLM) message expected at this point.</summary>
public sealed class RdpProtocolException(string message, int offset) : Exception($"{message} (at byte {offset})")
{
    public int Offset { get; } = offset;
}
