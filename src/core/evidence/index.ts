export * from './escape';
export * from './model';
export * from './filter';
export * from './text';
export * from './details';
export * from './chart';
