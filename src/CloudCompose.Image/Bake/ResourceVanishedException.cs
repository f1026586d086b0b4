using System;

namespace CloudCompose.Image.Bake
{
    /// <summary>A watched instance or image stayed invisible past the eventual-consistency grace.</summary>
    internal sealed class ResourceVanishedException : Exception
    {
        public ResourceVanishedException(string id)
            : base($"{id} is not visible to EC2 any more.")
        {
            Id = id;
        }

        public string Id { get; }
    }
}
