"""Training script that runs on the cluster: no submission code, nothing to migrate."""
import argparse

from azureml.core import Run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data-folder', required=True)
    parser.add_argument('--epochs', type=int, default=10)
    parser.add_argument('--lr', type=float, default=0.01)
    args = parser.parse_args()
    run = Run.get_context()
    for epoch in range(args.epochs):
        run.log('epoch', epoch)


if __name__ == '__main__':
    main()
