namespace EfSafeMigrations.EndToEndTests.Infrastructure;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for assertions on what a user sees.</summary>
    public string Output => StandardOutput + StandardError;

    /// <summary>Fails with the full output when the exit code is not 0.</summary>
    public CommandResult ShouldSucceed()
    {
        if (ExitCode != 0)
        {
            Assert.Fail($"'{Command}' exited with {ExitCode}.\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}");
        }

        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"'{Command}' exited with {ExitCode}\n{Output}";
}
