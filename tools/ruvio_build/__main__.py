from ruvio_build.cli import main

raise SystemExit(main())
