{{ packages.items | string | truncate(18, true, '') }} {{ packages['items'] is defined }}
