#!/bin/sh
# The book's chapter-4 hyperparameters on colour images: DCGAN at 32×32 on the Noto emoji, one
# setting changed at a time against the paper's defaults, the same seed and budget for all; FID
# during training (every 100 steps) and at the end (5,000 samples) in the emoji's own feature network.
# Usage: docs/scripts/dcgan-colour-study.sh EMOJI_FOLDER [EPOCHS]   (the folder `gan data install emoji-google` printed)
set -eu
data=$1
epochs=${2:-15}
gan=${GAN:-"dotnet run --project src/GanSharp.Cli -c Release --no-build --"}   # GAN=/path/to/gan runs a copy built apart
$gan features train --data "$data" --labels folders --resolution 32 --channels 3 --epochs 30
run() {
  name=$1; shift
  $gan train dcgan --data "$data" --resolution 32 --channels 3 --augment flip --epochs "$epochs" --threads 1 \
    --log-every 50 --sample-every 500 --eval-every 100 --eval-samples 1000 --runs runs/study --name "$name" "$@" > "runs/study/$name.log" 2>&1
  $gan eval "runs/study/$name" --count 5000 > "runs/study/$name.eval.txt" 2>&1
}
mkdir -p runs/study
run baseline
run batch-16 --batch-size 16
run batch-256 --batch-size 256
run lr-1e-3 --lr-g 0.001 --lr-d 0.001
run lr-d-4x --lr-d 0.0008
run beta1-0.9 --beta1 0.9
run real-label-0.9 --real-label 0.9
