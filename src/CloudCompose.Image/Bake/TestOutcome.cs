namespace CloudCompose.Image.Bake
{
    /// <summary>How image.test ended on its instance.</summary>
    internal sealed class TestOutcome
    {
        internal TestOutcome(string instanceId, string console)
        {
            InstanceId = instanceId;
            Console = console;
        }

        public string InstanceId { get; }

        public string Console { get; }
    }
}
