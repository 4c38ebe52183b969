namespace Harrier.Investigation.Graph;

public enum AccessNodeKind
{
    Account,
    Host,
    /// <summary>A source IP address not resolved to a host name.</summary>
    Address,
}
