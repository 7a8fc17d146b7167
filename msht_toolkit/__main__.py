"""`python -m msht_toolkit` runs the same CLI as the `msht` console script."""

from msht_toolkit.cli.app import main

if __name__ == "__main__":
    main()
