# string + path copies the path to the store, so it must exist
"/abs" + ./does-not-exist
