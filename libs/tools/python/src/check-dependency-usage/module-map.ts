/**
 * Import names that differ from their distribution's normalized name (pipreqs' mapping and
 * deptry's common cases). Keys are top-level modules, values PEP 503 distribution names.
 */
export const MODULE_TO_DISTRIBUTION: Record<string, string> = {
  yaml: 'pyyaml', PIL: 'pillow', cv2: 'opencv-python', sklearn: 'scikit-learn', skimage: 'scikit-image',
  bs4: 'beautifulsoup4', dateutil: 'python-dateutil', dotenv: 'python-dotenv', jwt: 'pyjwt', jose: 'python-jose',
  magic: 'python-magic', docx: 'python-docx', pptx: 'python-pptx', git: 'gitpython', github: 'pygithub',
  OpenSSL: 'pyopenssl', Crypto: 'pycryptodome', Cryptodome: 'pycryptodomex', nacl: 'pynacl', serial: 'pyserial',
  usb: 'pyusb', zmq: 'pyzmq', MySQLdb: 'mysqlclient', psycopg2: 'psycopg2-binary', pymysql: 'pymysql',
  google: 'protobuf', grpc: 'grpcio', attr: 'attrs', pkg_resources: 'setuptools', setuptools: 'setuptools',
  mpl_toolkits: 'matplotlib', tensorflow: 'tensorflow', torch: 'torch', wx: 'wxpython', gi: 'pygobject',
  cairo: 'pycairo', fitz: 'pymupdf', slugify: 'python-slugify', multipart: 'python-multipart', socketio: 'python-socketio',
  engineio: 'python-engineio', telegram: 'python-telegram-bot', ldap: 'python-ldap', Levenshtein: 'python-levenshtein',
  markdown: 'markdown', lxml: 'lxml', jinja2: 'jinja2', markupsafe: 'markupsafe', win32api: 'pywin32', win32com: 'pywin32',
  pythoncom: 'pywin32', dns: 'dnspython', kafka: 'kafka-python', faiss: 'faiss-cpu', sentry_sdk: 'sentry-sdk',
  googleapiclient: 'google-api-python-client', OpenGL: 'pyopengl', Xlib: 'python-xlib', xdist: 'pytest-xdist',
  pytest_asyncio: 'pytest-asyncio', pytest_cov: 'pytest-cov', typing_extensions: 'typing-extensions', zope: 'zope-interface',
  ruamel: 'ruamel-yaml', dask: 'dask', httplib2: 'httplib2', toml: 'toml', tomli: 'tomli', magic_enum: 'magic-enum',
};
