namespace Harrier.Exposure.Rdp;

/// <summary>Why a target did not answer like an RDP server; <see cref="Kind"/> is a stable short code.</summary>
sealed class ProbeFailure(string kind, string message) : Exception(message)
{
    public const string Refused = "refused";
    public const string Timeout = "timeout";
    public const string Unreachable = "unreachable";
    public const string NameNotFound = "name-not-found";
    public const string NotRdp = "not-rdp";
    public const string Reset = "reset";

    public string Kind { get; } = kind;
}
