#!/bin/sh
# Runs in base and, inherited, in every image below it: the applets the children use are installed.
set -e
for applet in sh mkdir echo cat; do command -v "$applet"; done
