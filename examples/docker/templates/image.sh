#!/bin/bash
# {{ name }} {{ version }}: baked by cloud-compose on a {{ aws.instance_type }} builder
set -e
{% include "yum.upgrade.sh" %}
{% include "docker.install.sh" %}
{% include "packages.install.sh" %}
