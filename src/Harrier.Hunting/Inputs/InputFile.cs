using Harrier.Hunting.Scanning;

namespace Harrier.Hunting.Inputs;

/// <summary>One log file to scan: on disk, or a member of a .zip package read in place.</summary>
/// <param name="Name">How alerts and the summary name it: the path as found, zip members as <c>pkg.zip!dir/file.evtx</c>.</param>
/// <param name="Format">How it is read.</param>
/// <param name="Bytes">Size (uncompressed for zip members).</param>
/// <param name="DiskPath">The file on disk (null for zip members), which allows splitting it into segments.</param>
/// <param name="Open">Opens a fresh read stream (thread-safe: every call opens its own handles).</param>
public sealed record InputFile(string Name, InputFormat Format, long Bytes, string? DiskPath, Func<Stream> Open);
