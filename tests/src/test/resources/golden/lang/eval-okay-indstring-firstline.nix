[ ''first line directly
    second
  third'' ''single'' '''' ''  spaces  '' ]
