using CloudCompose.Image.Emulator.Actions;
using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator;

public sealed partial class EmulatorState
{
    /// <summary>Serves one EC2 (or STS) query call: counts and logs it, applies faults, runs the action.</summary>
    internal (int Status, string Body) Handle(QueryParams p, string region, Caller? caller = null)
    {
        Touch();
        var requestId = Guid.NewGuid().ToString();
        var action = p.Get("Action");
        int status = 200;
        string? error = null;
        try
        {
            if (string.IsNullOrEmpty(action)) throw new Ec2Error("MissingAction", "The request must contain the parameter Action");
            if (!ActionRegistry.All.TryGetValue(action, out var handler))
                throw new Ec2Error("InvalidAction", $"The action {action} is not valid for this web service.");
            string body;
            var answerLost = false;
            lock (Sync)
            {
                if (Faults.TakeCallFault(action) is { } code)
                {
                    // AnswerLost: the call takes effect, then the connection drops before the answer leaves.
                    if (code == "AnswerLost") answerLost = true;
                    else throw Ec2Error.Fault(code);
                }
                var req = new Ec2Request { State = this, P = p, Region = region, Action = action, RequestId = requestId, Now = Clock.UtcNow };
                req.Refreshed(region);
                body = handler(req);
            }
            if (answerLost) throw new Ec2Error("AnswerLost", "The call took effect; its answer was dropped (emulated fault).", Ec2Error.ConnectionReset);
            return (200, body);
        }
        catch (Ec2Error e)
        {
            (status, error) = (e.Status, e.Code);
            return (e.Status, XmlOut.Error(e.Code, e.Message, requestId));
        }
        catch (Exception e)
        {
            (status, error) = (500, "InternalError");
            return (500, XmlOut.Error("InternalError", "An internal error has occurred. " + e.GetType().Name + ": " + e.Message, requestId));
        }
        finally
        {
            Record(action ?? "(none)", region, p.ForLog(), status, error, caller);
        }
    }
}
