#!/bin/sh
set -e
R --version | head -n 1
