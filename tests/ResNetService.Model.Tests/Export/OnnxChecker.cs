using System.Diagnostics;

namespace ResNetService.Model.Tests.Export;

/// <summary>
/// ONNX's own checker (Debian's python3-onnx, which test.sh installs), with full_check so shape inference runs too.
/// Debian's interpreter is named by path: another python3 earlier on PATH would not see Debian's package.
/// </summary>
internal static class OnnxChecker
{
    private const string Python = "/usr/bin/python3";
    private const string Script = "import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)";

    /// <returns>The checker's complaint, or null when the model passes.</returns>
    public static string? Problems(string path)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : errors.Result;
    }
}
