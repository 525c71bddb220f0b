# import also accepts a string holding an absolute path
import (toString ./lib/add.nix) 20 22
