{{ cfg['host'] }}
