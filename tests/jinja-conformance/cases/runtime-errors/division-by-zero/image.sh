#!/bin/bash
per_worker={{ 100 / workers }}
