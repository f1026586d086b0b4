{{ '%(name)s:%(uid)d' % user }} {{ '%(name)-6s|' % user }}
