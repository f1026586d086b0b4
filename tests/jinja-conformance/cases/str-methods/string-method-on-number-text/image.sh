{{ port.isdigit() }} {{ port.zfill(6) }} {{ port|int + 1 }}
