{{ 10 ** 3|filesizeformat }}
