using System.Threading;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Brings the continuations of a cmdlet's async code back to the pipeline thread: they are queued with the other
    /// messages and run by the pump, so that code may call WriteObject, WriteError and ShouldProcess directly after an
    /// await. The engine awaits with ConfigureAwait(false) and never comes here.
    /// </summary>
    internal sealed class PipelineSynchronizationContext : SynchronizationContext
    {
        private readonly PipelineMessages messages;

        public PipelineSynchronizationContext(PipelineMessages messages)
        {
            this.messages = messages;
        }

        public override void Post(SendOrPostCallback d, object? state) => messages.Post(_ => d(state));

        // A blocking Send from another thread would wait for a pump that may be waiting for that thread.
        public override void Send(SendOrPostCallback d, object? state) => Post(d, state);

        public override SynchronizationContext CreateCopy() => this;
    }
}
