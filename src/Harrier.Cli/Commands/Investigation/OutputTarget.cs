namespace Harrier.Cli.Commands.Investigation;

/// <summary>Standard output or a file, as a stream or a UTF-8 text writer (LF line ends).</summary>
static class OutputTarget
{
    public static Stream Open(string? path) => path is null ? Console.OpenStandardOutput() : File.Create(path);

    public static TextWriter OpenText(string? path) =>
        new StreamWriter(Open(path), new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
}
