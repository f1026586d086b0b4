{% set c = cycler('odd', 'even') %}{% for i in range(5) %}{{ c.next() }} {% endfor %}| current={{ c.current }} | {% set _ = c.reset() %}after reset={{ c.next() }}
