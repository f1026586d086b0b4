{{ loop.index }}
