from generators.cli import main

main()
