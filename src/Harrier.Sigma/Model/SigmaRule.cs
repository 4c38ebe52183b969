namespace Harrier.Sigma.Model;

/// <summary>A detection rule: log source plus detection (search identifiers and condition).</summary>
public sealed class SigmaRule(SigmaRuleInfo info, LogSource logSource, SigmaDetection detection) : SigmaDocument(info)
{
    public LogSource LogSource { get; } = logSource;
    public SigmaDetection Detection { get; } = detection;
}
