namespace Harrier.Exposure.Rdp;

/// <summary>One host and port to probe; <see cref="Text"/> is how the user wrote it.</summary>
public sealed record RdpTarget(string Text, string Host, int Port)
{
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
