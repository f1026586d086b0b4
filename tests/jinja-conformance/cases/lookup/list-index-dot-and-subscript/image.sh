{{ packages.0 }} {{ packages[1] }} {{ packages[-1] }} {{ packages.2 }}
