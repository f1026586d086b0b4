{{ script|indent }}
---
{{ script|indent(2) }}
---
{{ script|indent(2, true) }}
---
{{ script|indent(2, first=true, blank=true) }}
---
{{ script|indent(width='> ', first=true) }}
