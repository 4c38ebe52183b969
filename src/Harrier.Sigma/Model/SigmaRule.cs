namespace Harrier.Sigma.Model;

/// <summary>A detection rule: log source plus detection (search identifiers and condition).</summary>
public sealed class SigmaRule : SigmaDocument
{
    SigmaDetection? _detection;
    readonly Lazy<SigmaDetection>? _decode;

    public SigmaRule(SigmaRuleInfo info, LogSource logSource, SigmaDetection detection) : base(info)
    {
        LogSource = logSource;
        _detection = detection;
    }

    /// <summary>
    /// A rule whose detection is decoded on first use: the parsed-rule cache (Loading/ParsedRuleCache) reads it only
    /// when the rule is compiled, which a run whose compiled-rule cache is current never does.
    /// </summary>
    internal SigmaRule(SigmaRuleInfo info, LogSource logSource, Func<SigmaDetection> detection) : base(info)
    {
        LogSource = logSource;
        _decode = new Lazy<SigmaDetection>(detection, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public LogSource LogSource { get; }

    public SigmaDetection Detection => _detection ??= _decode!.Value;

    /// <summary>Whether <see cref="Detection"/> is at hand (false until a rule read from the parsed-rule cache is compiled).</summary>
    internal bool DetectionDecoded => _detection is not null || _decode!.IsValueCreated;
}
