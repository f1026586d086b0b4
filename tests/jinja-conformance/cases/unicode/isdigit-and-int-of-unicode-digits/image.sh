{{ '٣'.isdigit() }} {{ '٣'|int }} {{ '４２'|int }}
