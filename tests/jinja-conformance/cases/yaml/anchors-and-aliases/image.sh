{{ primary }} {{ mirror == primary }} {{ more_packages }} {{ copy_of_settings.retries }}
