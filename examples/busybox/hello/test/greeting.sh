#!/bin/sh
# The build arg reached the image.
set -e
grep -q "Hello from Cascade" /etc/hello/greeting
