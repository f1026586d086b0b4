namespace CloudCompose.Image.Emulator;

public sealed partial class EmulatorState
{
    /// <summary>Sets Allowed AMIs for a region: disabled, audit-mode or enabled (what EnableAllowedImagesSettings does).</summary>
    public void SetAllowedImagesState(string region, string state)
    {
        if (!Actions.AllowedImagesActions.States.Contains(state)) throw new ArgumentException($"Allowed AMIs state must be disabled, audit-mode or enabled, not '{state}'.");
        lock (Sync) Store(region).AllowedImagesState = state;
    }
}
