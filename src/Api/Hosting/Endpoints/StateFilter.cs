namespace ResNetService.Api.Hosting.Endpoints;

/// <summary>The <c>state=</c> filter of a list endpoint: one of an enum's names, any case (never a number).</summary>
public static class StateFilter
{
    /// <returns>The state asked for; null when none was, or when it is not one (then <paramref name="errors"/> says so).</returns>
    public static TState? Parse<TState>(string? state, Dictionary<string, string[]> errors) where TState : struct, Enum
    {
        if (state is null)
            return null;
        if (state.Length > 0 && !char.IsAsciiDigit(state[0]) && Enum.TryParse<TState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            return parsed;
        errors["state"] = [$"Use one of {string.Join(", ", Enum.GetNames<TState>().Select(n => n.ToLowerInvariant()))}."];
        return null;
    }
}
