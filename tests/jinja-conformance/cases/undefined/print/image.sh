#!/bin/bash
echo "installing"
echo {{ PACKAGES }}
