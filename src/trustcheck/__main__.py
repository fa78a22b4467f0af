"""`python -m trustcheck`."""

from trustcheck.cli import main

if __name__ == "__main__":
    main()
